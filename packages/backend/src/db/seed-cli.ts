import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from './connection.js';
import { migrate } from './migrate.js';
import { seedDemo } from './seed.js';

try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  migrate(db.sqlite);
  const count = await seedDemo(db, Date.now());
  db.close();
  console.info(`Seeded ${count} demo concerts into ${config.databasePath}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
