import type { DataSource } from 'typeorm';

/** MySQL and MariaDB share a dialect here; everything else this project runs on is SQLite. */
export const isMysql = (ds: DataSource) => ds.options.type === 'mysql' || ds.options.type === 'mariadb';
