/** The real backends a suite can ask for, the variable that points at one, and the image used when Docker is there. */
export type BackendKind = 'mysql' | 'redis' | 'kafka' | 'mongo';

export interface BackendSpec {
  readonly envVar: string;
  readonly label: string;
  readonly image: string;
  readonly port: number;
}

export const BACKENDS: Record<BackendKind, BackendSpec> = {
  mysql: { envVar: 'MYSQL_URL', label: 'MySQL/MariaDB', image: 'mariadb:11.4', port: 3306 },
  redis: { envVar: 'REDIS_URL', label: 'Redis', image: 'redis:7-alpine', port: 6379 },
  kafka: { envVar: 'KAFKA_BROKERS', label: 'Kafka', image: 'apache/kafka:3.9.1', port: 9092 },
  mongo: { envVar: 'MONGO_URL', label: 'MongoDB', image: 'mongo:7', port: 27017 },
};
