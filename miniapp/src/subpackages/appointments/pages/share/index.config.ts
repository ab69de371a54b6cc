export default definePageConfig({
  navigationBarTitleText: '分享名片',
  enableShareAppMessage: true,
});
