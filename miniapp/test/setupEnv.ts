// The build defines these; tests run as the H5 build unless a test says otherwise.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
