export default definePageConfig({ navigationBarTitleText: '授信测算' });
