'use strict';
// The compiled binding: build/Release/erasure.node, made by `node-gyp rebuild` at npm install.
module.exports = require('./build/Release/erasure.node');
