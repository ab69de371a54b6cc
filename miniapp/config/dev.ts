import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // The dev server serves from memory; without this Taro would first empty dist-h5/, the
    // production build the BFF serves and the e2e test drives.
    output: { clean: false },
    // `npm run dev:h5` serves on its own port; API calls stay relative (same-origin code path)
    // and are proxied to the BFF, so dev and the BFF-served demo behave alike.
    devServer: {
      host: '127.0.0.1',
      port: 10086,
      proxy: {
        '/api': { target: process.env.BFF_URL ?? 'http://127.0.0.1:8080', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
