export default definePageConfig({
  navigationBarTitleText: '客户扫码确认',
});
