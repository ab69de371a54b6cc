-- FerretDB 1.24 on PostgreSQL pushes a filter such as {_id: x} or {managerId: y} down as
-- jsonb containment, `_jsonb -> 'field' @> '<value>'`, but the indexes it creates for the
-- collection's MongoDB indexes are btree on `(_jsonb -> 'field')`, which `@>` cannot use:
-- every find, findById included, scans the whole table (1.4 s for one household of 50,000,
-- measured in bench/ferretdb-reads/RESULTS.md). A GIN index on the same expressions serves
-- containment. This adds one next to every btree expression index FerretDB made, in the
-- schema of one MongoDB database (psql variable `db`). Idempotent; run it after collections
-- exist (scripts/lib/services.sh `ferretdb_gin_indexes`). A real MongoDB needs none of this.
SET sunshine.gin_schema TO :'db';
DO $$
DECLARE
  r record;
  gin_name text;
  exprs text;
BEGIN
  FOR r IN
    SELECT i.indexrelid, n.nspname AS sch, c.relname AS tbl, ic.relname AS idx, i.indnkeyatts AS nkeys
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_am am ON am.oid = ic.relam
    WHERE am.amname = 'btree'
      AND n.nspname = current_setting('sunshine.gin_schema')
      AND pg_get_indexdef(i.indexrelid) LIKE '%(_jsonb -> %'
  LOOP
    gin_name := left(r.idx, 55) || '_gin';
    CONTINUE WHEN EXISTS (
      SELECT 1 FROM pg_class g JOIN pg_namespace gn ON gn.oid = g.relnamespace
      WHERE g.relname = gin_name AND gn.nspname = r.sch
    );
    SELECT string_agg('(' || pg_get_indexdef(r.indexrelid, k, true) || ')', ', ' ORDER BY k)
      INTO exprs FROM generate_series(1, r.nkeys) AS k;
    EXECUTE format('CREATE INDEX %I ON %I.%I USING gin (%s)', gin_name, r.sch, r.tbl, exprs);
  END LOOP;
END $$;
