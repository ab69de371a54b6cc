/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time (DefinePlugin); the tests set it by hand. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'quickapp' | 'harmony';
    /** Absolute BFF origin for the weapp build (see src/config.ts). */
    TARO_APP_API_BASE?: string;
  }
}

declare module '@nutui/icons-react-taro/dist/es/icons/configure.js' {
  import type { ComponentType } from 'react';
  export function configure(config: {
    tag?: string | ComponentType<Record<string, unknown>>;
    classPrefix?: string;
    fontClassName?: string;
    useSvg?: boolean;
  }): void;
}
