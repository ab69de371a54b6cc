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
    {
      root: 'subpackages/capture',
      pages: ['pages/household-form/index', 'pages/visit/index', 'pages/outbox/index'],
    },
    {
      root: 'subpackages/evidence',
      pages: ['pages/confirm-qr/index', 'pages/confirm/index'],
    },
    {
      root: 'subpackages/appointments',
      pages: ['pages/share/index', 'pages/today/index', 'pages/availability/index'],
    },
    {
      root: 'subpackages/customer',
      pages: ['pages/card/index', 'pages/mine/index'],
    },
    {
      root: 'subpackages/portrait',
      pages: ['pages/index/index'],
    },
    {
      root: 'subpackages/credit',
      pages: ['pages/evaluate/index', 'pages/queue/index', 'pages/application/index'],
    },
    {
      root: 'subpackages/reports',
      pages: ['pages/funnel/index'],
    },
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
  // Only the personal-data APIs actually called: the visit check-in reads the location
  // (wx.getLocation, GCJ-02). WeChat rejects a release that calls an API not declared here.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '走访签到时记录您所在的位置,作为上门走访的凭证' },
  },
});
