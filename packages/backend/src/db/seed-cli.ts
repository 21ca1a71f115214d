import { ConfigError, databaseShown, loadConfig } from '../config/config.js';
import { openStore } from './open-store.js';
import { seedDemo } from './seed.js';

try {
  const config = loadConfig();
  const store = openStore(config);
  await store.migrate();
  const count = await seedDemo(store, Date.now());
  await store.close();
  console.info(`Seeded ${count} demo concerts into ${databaseShown(config)}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
