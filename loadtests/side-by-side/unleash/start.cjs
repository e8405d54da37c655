// Starts unleash-server for the side-by-side benchmark with its own database, on 127.0.0.1 only. The SDK
// and token rate limits are raised so that they are not what is measured, and the frontend API cache
// refreshes every second. Version checks and telemetry are off, because this machine reaches no other
// host. Settings come from the environment that loadtests/side-by-side/run.sh sets.
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
