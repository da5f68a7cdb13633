namespace net {
class Socket : public Base {
public:
	Socket();
	~Socket();
	int send(const char *buf, int n) const override {
		return n;
	}
private:
	int fd_;
};

Socket::Socket() : fd_(-1) {
}

Socket::~Socket() {
}

template <typename T>
T max_of(T a, T b) { return a > b ? a : b; }
}  // namespace net

extern "C" {
int c_entry(void) { return 1; }
}
