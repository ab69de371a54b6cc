export default definePageConfig({ navigationBarTitleText: '授信审批', enablePullDownRefresh: true });
