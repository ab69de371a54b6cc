export default definePageConfig({ navigationBarTitleText: '授信申请' });
