import x from "y";
const API_URL = "https://example.com/api";
let counter = 0

function fetchData(url) {
	return fetch(url);
}

const handler = async (req) => {
	return fetchData(API_URL);
};

class Client extends Base {
	constructor(opts) {
		super(opts);
	}
	async request(path) {
		if (path) {
			return handler(path);
		}
	}
}

export function* gen() { yield 1; }
