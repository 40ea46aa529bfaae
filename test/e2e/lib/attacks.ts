/**
 * Bad webhook deliveries, built from a genuine one the simulator sent: each trigger's scheme
 * (Lever's signed token, WeCP's and WiseWay's body HMAC, iCIMS' Basic credentials, Willo's and
 * Wepow's URL token) gets every kind of forgery, tampering, staleness and malformed body that
 * applies to it.
 */
import { createHmac, randomBytes, randomUUID } from 'crypto';

export type Scheme = 'lever' | 'body-hmac' | 'basic' | 'url-token';

/** A delivery as it goes over the wire. */
export interface WireDelivery {
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface Attack {
	kind: string;
	delivery: WireDelivery;
	/** What the answer must be: 401/400, or for JSON syntax errors 422 from n8n's own body parser. */
	expected: number[];
}

export interface TriggerUnderAttack {
	name: string;
	scheme: Scheme;
	/** The genuine delivery the attacks start from. */
	genuine: { url: string; headers: Record<string, string>; payload: Record<string, any> };
	/** The key the sender signs with (Lever signatureToken, WeCP/WiseWay secret); Basic: "user:password". */
	secret?: string;
	/** Another key of the same kind that is not this trigger's (another webhook's). */
	otherSecret?: string;
	/** The header carrying a body HMAC ("x-wecp-signature"). */
	signatureHeader?: string;
	/** Sets the delivery's own timestamp. */
	setTimestamp?: (payload: Record<string, any>, ms: number) => void;
	/** Changes what the delivery says in a way its sender's signature must catch. */
	tamper?: (payload: Record<string, any>) => void;
	/**
	 * The answer to a tampered delivery when it is not 400/401: Lever signs only token + triggeredAt,
	 * so a delivery with altered data is authentic; it is answered 200 and its execution is stopped
	 * at the trigger, which confirms the stage change with Lever (the suite checks that).
	 */
	tamperedAnswer?: number[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');
const HOUR = 3_600_000;
const AUTH_FAILED = [401];
const BAD_REQUEST = [400];
const REJECTED = [400, 401];

function copyOf<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Headers worth replaying: content type and the scheme's own; hop-by-hop ones go. */
function baseHeaders(trigger: TriggerUnderAttack): Record<string, string> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(trigger.genuine.headers)) {
		const lower = name.toLowerCase();
		if (lower.startsWith('x-') || lower === 'authorization' || lower === 'user-agent') headers[lower] = String(value);
	}
	return headers;
}

/**
 * A fresh, correctly authenticated delivery of `payload` (new nonce and time where the scheme has
 * them), then `change` applied to the wire form: the attacks are "valid except for one thing".
 */
function signed(trigger: TriggerUnderAttack, payload: Record<string, any>, now = Date.now()): WireDelivery {
	const body = copyOf(payload);
	const headers = baseHeaders(trigger);
	trigger.setTimestamp?.(body, now);
	if (trigger.scheme === 'lever') {
		body.id = randomUUID();
		body.token = hex(24);
		body.signature = hmac(trigger.secret!, body.token + String(body.triggeredAt));
	}
	const text = JSON.stringify(body);
	if (trigger.scheme === 'body-hmac') headers[trigger.signatureHeader!] = `sha256=${hmac(trigger.secret!, text)}`;
	return { url: trigger.genuine.url, headers, body: text };
}

/** Re-signs a body that was changed after `signed` (only body-HMAC schemes sign the body). */
function resign(trigger: TriggerUnderAttack, delivery: WireDelivery): WireDelivery {
	if (trigger.scheme === 'body-hmac') delivery.headers[trigger.signatureHeader!] = `sha256=${hmac(trigger.secret!, delivery.body)}`;
	return delivery;
}

function withUrlToken(url: string, token: string | null): string {
	const parsed = new URL(url);
	if (token === null) parsed.searchParams.delete('token');
	else parsed.searchParams.set('token', token);
	return parsed.toString();
}

/** `copies` attacks of every kind that applies to the trigger's scheme. */
export function attacksOn(trigger: TriggerUnderAttack, copies = 8): Attack[] {
	const attacks: Attack[] = [];
	const add = (kind: string, expected: number[], make: () => WireDelivery) => {
		for (let i = 0; i < copies; i++) attacks.push({ kind, expected, delivery: make() });
	};
	const payload = trigger.genuine.payload;

	// Missing and wrong proof of origin.
	add('no signature or credentials', AUTH_FAILED, () => {
		const delivery = signed(trigger, payload);
		if (trigger.scheme === 'lever') delivery.body = JSON.stringify({ ...JSON.parse(delivery.body), signature: undefined });
		if (trigger.scheme === 'body-hmac') delete delivery.headers[trigger.signatureHeader!];
		if (trigger.scheme === 'basic') delete delivery.headers.authorization;
		if (trigger.scheme === 'url-token') delivery.url = withUrlToken(delivery.url, null);
		return delivery;
	});
	add(trigger.scheme === 'url-token' ? 'wrong token in the URL' : 'wrong signature or password', AUTH_FAILED, () => {
		const delivery = signed(trigger, payload);
		if (trigger.scheme === 'lever') delivery.body = JSON.stringify({ ...JSON.parse(delivery.body), signature: hex(32) });
		if (trigger.scheme === 'body-hmac') delivery.headers[trigger.signatureHeader!] = `sha256=${hex(32)}`;
		if (trigger.scheme === 'basic') {
			const [user] = trigger.secret!.split(':');
			delivery.headers.authorization = `Basic ${Buffer.from(`${user}:${hex(8)}`).toString('base64')}`;
		}
		if (trigger.scheme === 'url-token') delivery.url = withUrlToken(delivery.url, hex(24));
		return delivery;
	});
	add("another webhook's secret", AUTH_FAILED, () => {
		const other = trigger.otherSecret ?? hex(24);
		if (trigger.scheme === 'url-token') {
			const delivery = signed(trigger, payload);
			delivery.url = withUrlToken(delivery.url, other);
			return delivery;
		}
		if (trigger.scheme === 'basic') {
			const delivery = signed(trigger, payload);
			delivery.headers.authorization = `Basic ${Buffer.from(other).toString('base64')}`;
			return delivery;
		}
		return signed({ ...trigger, secret: other }, payload);
	});
	if (trigger.tamper) {
		add('body tampered after signing', trigger.tamperedAnswer ?? REJECTED, () => {
			const delivery = signed(trigger, payload);
			const body = JSON.parse(delivery.body);
			trigger.tamper!(body);
			delivery.body = JSON.stringify(body);
			return delivery;
		});
	}
	if (trigger.setTimestamp) {
		add('timestamp outside the window (replayed or post-dated)', AUTH_FAILED, () => {
			const shift = attacks.length % 2 === 0 ? -2 * HOUR : 2 * HOUR;
			return signed(trigger, payload, Date.now() + shift);
		});
	}

	// Bodies that are not what the sender sends: correctly authenticated, so the shape check answers.
	add('oversize body (2 MiB)', BAD_REQUEST, () => {
		const delivery = signed(trigger, payload);
		const body = JSON.parse(delivery.body);
		body.padding = 'x'.repeat(2 * 1024 * 1024);
		delivery.body = JSON.stringify(body);
		return resign(trigger, delivery);
	});
	add('malformed body (valid JSON, wrong shape)', REJECTED, () => {
		const delivery = signed(trigger, payload);
		const shapes = ['[]', '"a string"', '42', 'null', '{}', '{"data": []}', '[{"event": "x"}]', 'true'];
		delivery.body = shapes[attacks.length % shapes.length];
		return resign(trigger, delivery);
	});
	add('malformed body (not JSON)', [400, 422], () => {
		const delivery = signed(trigger, payload);
		delivery.body = delivery.body.slice(0, Math.max(1, Math.floor(delivery.body.length / 2)));
		return resign(trigger, delivery);
	});
	// n8n itself parses XML-labelled bodies first: a JSON body so labelled gets n8n's 422.
	add('wrong content type', [400, 422], () => {
		const delivery = signed(trigger, payload);
		const types = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/html'];
		delivery.headers['content-type'] = types[attacks.length % types.length];
		return delivery;
	});
	return attacks;
}

/** A correctly authenticated copy of the genuine delivery, sent fresh (for concurrency tests). */
export function genuineCopy(trigger: TriggerUnderAttack, payload: Record<string, any> = trigger.genuine.payload): WireDelivery {
	return signed(trigger, payload);
}

export async function send(delivery: WireDelivery): Promise<{ status: number; text: string }> {
	try {
		const response = await fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
		return { status: response.status, text: await response.text() };
	} catch (error) {
		return { status: 0, text: String(error) };
	}
}

/**
 * Sends a delivery the way its sender does: an answer that is not a verdict (no answer, 429, 5xx;
 * the iCIMS receiver's 503 asks for exactly this) is followed by the same delivery again, a little
 * later, a few times. The final answer, and how many sends it took.
 */
export async function sendAsSender(delivery: WireDelivery, attempts = 6): Promise<{ status: number; text: string; sends: number }> {
	for (let sends = 1; ; sends++) {
		const answer = await send(delivery);
		const verdict = answer.status !== 0 && answer.status !== 429 && answer.status < 500;
		if (verdict || sends >= attempts) return { ...answer, sends };
		await new Promise((resolve) => setTimeout(resolve, 1000 * sends));
	}
}
