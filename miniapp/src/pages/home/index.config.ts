export default definePageConfig({
  navigationBarTitleText: '阳光金融',
  enablePullDownRefresh: true,
});
