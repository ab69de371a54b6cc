export default definePageConfig({
  navigationBarTitleText: '确认走访',
});
