// NutUI's barrel imports its Lottie component; lottie-web draws on a canvas jsdom lacks.
// We never render Lottie, so an empty component keeps the barrel importable.
module.exports = { __esModule: true, default: () => null };
