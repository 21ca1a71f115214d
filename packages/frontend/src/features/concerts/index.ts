export { concertKeys, useConcert } from './api/concerts';
