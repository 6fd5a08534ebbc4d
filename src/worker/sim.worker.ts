/** The Web Worker host: owns the lab and exposes `api` to the page through Comlink. */
import * as Comlink from 'comlink';
import { api } from './api';

Comlink.expose(api);
