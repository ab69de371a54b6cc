import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startOutboxSync } from './stores/outbox';
import './theme/nutui';
import './app.scss';

/** The app shell: pages render themselves; launch-time work stays out of the critical path. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The login page decides between the stored session and sign-in. The outbox listens from
    // launch on (network back, app shown), so captures queued offline are sent whatever page
    // the manager is on; it sends nothing without a manager's session.
    startOutboxSync();
  });
  return children;
}

export default App;
