const { WebClient } = require('@slack/web-api');

const slack = new WebClient(process.env.SLACK_BOT_TOKEN);
const config = {
  warehouse: { user: 'report_bot', password: '@@password@@' },
  sentryDsn: process.env.SENTRY_DSN,
  githubToken: '@@github_fine@@',
};
const placeholder = { apiKey: '<api-key>' };
module.exports = config;
