// Styles don't exist in jsdom tests; components only need the import to resolve.
module.exports = {};
