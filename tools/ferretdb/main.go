// Command ferretdb runs FerretDB 1.24.2 (a MongoDB-wire server) on PostgreSQL through
// FerretDB's embeddable package.
//
// Why not build github.com/FerretDB/FerretDB/cmd/ferretdb directly: its build/version
// package panics at start when the main module is FerretDB itself and version.txt is
// absent, which is always the case for module-proxy builds (upstream issue #2982). With
// this module as the main module that check is skipped; the server code is the same.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP address to listen on")
	pgURL := flag.String("postgresql-url", envOr("FERRETDB_POSTGRESQL_URL", "postgres://postgres@127.0.0.1:5432/ferretdb"), "PostgreSQL URL")
	level := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "warn"), "debug, info, warn or error")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		lvl = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		logger.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("FerretDB listening", "addr", *listen)
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped", "error", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
