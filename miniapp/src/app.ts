import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import './theme/nutui';
import './app.scss';

/** The app shell: pages render themselves; launch-time work stays out of the critical path. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Nothing to do at launch: the login page decides between the stored session and sign-in.
  });
  return children;
}

export default App;
