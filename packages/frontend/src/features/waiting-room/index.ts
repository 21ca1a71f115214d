export { passFor } from './utils/pass';
