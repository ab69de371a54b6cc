export default definePageConfig({ navigationBarTitleText: '客户画像' });
