#!/usr/bin/env node
// Thin launcher: the built CLI lives in dist/ (npm ci builds it through `prepare`).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv);
