export default definePageConfig({ navigationBarTitleText: '营销漏斗', enablePullDownRefresh: true });
