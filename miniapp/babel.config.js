// babel-preset-taro drives both builds; the jest config uses @swc/jest instead (faster, and
// it needs no Taro compile context).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
