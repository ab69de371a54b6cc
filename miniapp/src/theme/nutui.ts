import { View } from '@tarojs/components';
// Deep import on purpose: the package root re-exports every icon and is marked as having side
// effects, which would pull all ~200 icons into the main package.
import { configure } from '@nutui/icons-react-taro/dist/es/icons/configure.js';

/**
 * NutUI setup for both platforms.
 *
 * - Styles: one CSS file per component we use, not the 230 KB `dist/style.css`, to keep the
 *   main package small. Subpackage-only components import their CSS in their page.
 * - Icons render as `<i>` by default, a tag the weapp template has no slot for (it would need
 *   @tarojs/plugin-html); a View renders on both platforms.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/form/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/formitem/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/toast/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/style.css';

configure({ tag: View });
