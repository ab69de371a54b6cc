export default definePageConfig({
  navigationBarTitleText: '客户经理名片',
});
