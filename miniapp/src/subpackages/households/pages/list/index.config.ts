export default definePageConfig({
  navigationBarTitleText: '客户列表',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
