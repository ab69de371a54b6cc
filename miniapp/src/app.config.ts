/**
 * A small main package (login + home) and one subpackage per feature, so the first download
 * stays small and features load when a role actually opens them.
 */
export default defineAppConfig({
  pages: ['pages/login/index', 'pages/home/index'],
  subpackages: [
    {
      root: 'subpackages/households',
      pages: ['pages/list/index'],
    },
    // <anchor:subpackages-capture>
    // <anchor:subpackages-evidence>
    // <anchor:subpackages-customer>
    {
      root: 'subpackages/portrait',
      pages: ['pages/index/index'],
    },
    // <anchor:subpackages-portrait>
    {
      root: 'subpackages/credit',
      pages: ['pages/evaluate/index', 'pages/queue/index', 'pages/application/index'],
    },
    // <anchor:subpackages-flow>
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '阳光金融',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  // Since 2023-09 WeChat requires the privacy agreement flow for personal-data APIs; opting in
  // makes DevTools check our usage now rather than at review time.
  __usePrivacyCheck__: true,
  sitemapLocation: 'sitemap.json',
  // No location/phone APIs are used yet, so requiredPrivateInfos stays empty on purpose:
  // list getLocation etc. here only in the release that starts calling them.
});
