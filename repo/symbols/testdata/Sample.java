package a.b;

import java.util.Map;

public class Sample extends Base implements Runnable {
	private static final int LIMIT = 10;
	private Map<String, Integer> counts = new HashMap<>();

	public Sample(int x) throws IOException {
		super(x);
	}

	@Override
	public void run() {
		if (LIMIT > 1) {
			helper("run");
		}
	}

	interface Callback {
		void call(String s);
	}

	enum Mode { FAST, SLOW; int weight; }
}
