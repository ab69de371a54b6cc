import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Hand-written Taro config (no `taro init`: it fetches templates from the internet).
 *
 * Both builds coexist: weapp goes to `dist/` (the repo-root project.config.json points WeChat
 * DevTools at `miniapp/dist/`), H5 to `dist-h5/` (served by the BFF at `/` in demo mode).
 */
const isH5 = process.env.TARO_ENV === 'h5';
const outputRoot = process.env.TARO_OUTPUT_ROOT ?? (isH5 ? 'dist-h5' : 'dist');

// @sunshine/shared is TypeScript source outside src/. Taro only runs babel over sourceRoot and
// `compile.include`, so without this the zod schemas would reach the bundle untranspiled.
const sharedSource = path.resolve(__dirname, '../../shared');

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'sunshine-miniapp',
    date: '2026-11-28',
    // NutUI React is drawn on a 375-wide design, our own styles on 750 (rpx-friendly).
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets parallel work build into its own folder without clobbering dist/.
    outputRoot,
    plugins: [],
    defineConstants: {},
    env: {
      // The weapp talks to an absolute host; H5 is same-origin and ignores it (see src/config.ts).
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    // WeChat reads sitemap.json next to app.json; staff pages must not show up in WeChat search.
    copy: { patterns: isH5 ? [] : [{ from: 'src/sitemap.json', to: `${outputRoot}/sitemap.json` }], options: {} },
    framework: 'react',
    // Prebundling writes an esbuild cache under node_modules/.taro; a plain build is
    // reproducible offline and fast enough at this size.
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      // Our components each import their own styles, so CSS order across chunks is not
      // meaningful; without this mini-css-extract warns about NutUI's icon CSS on every build.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing: the BFF serves dist-h5 as plain static files, with no history fallback.
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so each lazily loaded page carried its own
        // copy of NutUI and zod (3 × ~200 KB). Splitting async chunks too lets pages share them.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
        // The entry is Taro's H5 runtime + react-dom (~360 KiB minified). webpack's 244 KiB
        // default fires on every build; an explicit budget still flags real growth.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(300 * 1024);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
