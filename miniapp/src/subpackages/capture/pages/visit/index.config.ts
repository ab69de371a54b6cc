export default definePageConfig({
  navigationBarTitleText: '走访登记',
});
