// Starts unleash-server for the side-by-side benchmark: its own database, listening on 127.0.0.1 only,
// the SDK and token rate limits raised so that they are not what is measured, the frontend API cache
// refreshed every second, and version checks and telemetry off (this machine reaches no other host).
// Settings come from the environment that loadtests/side-by-side/run.sh sets.
const unleash = require('unleash-server');

const env = process.env;
unleash
  .start({
    db: {
      host: env.UNLEASH_DB_HOST,
      port: Number(env.UNLEASH_DB_PORT),
      user: env.UNLEASH_DB_USER,
      password: env.UNLEASH_DB_PASSWORD,
      database: env.UNLEASH_DB_NAME,
      ssl: false,
    },
    server: { host: '127.0.0.1', port: Number(env.UNLEASH_PORT) },
    versionCheck: { enable: false },
    telemetry: false,
    logLevel: 'warn',
    rateLimiting: { sdkApiMaxPerMinute: 1e9, tokenAuthenticationMaxPerMinute: 1e9 },
    frontendApi: { refreshIntervalInMs: 1000 },
    authentication: {
      initApiTokens: [
        { environment: '*', project: '*', secret: env.UNLEASH_ADMIN_TOKEN, type: 'admin', tokenName: 'bench-admin' },
        {
          environment: 'development', projects: ['*'], secret: env.UNLEASH_FRONTEND_TOKEN, type: 'frontend',
          tokenName: 'bench-frontend',
        },
      ],
    },
  })
  .then(() => console.log('unleash-server started'))
  .catch((error) => {
    console.error('unleash-server failed to start', error);
    process.exit(1);
  });
