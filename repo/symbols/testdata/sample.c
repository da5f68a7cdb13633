#include <stdio.h>
#define MAX_LEN 64
#define SQUARE(x) ((x) * (x))

/* parse_args is called by main */
struct options {
	int verbose;
	char name[MAX_LEN];
	unsigned flags : 4;
};

typedef struct node {
	struct node *next;
} node_t;

typedef int (*handler_fn)(int, char **);

enum color { RED, GREEN = 2, BLUE };

static int counter = 0;
const char *names[] = { "a", "b" };
TAILQ_HEAD(, client) clients;

static void __attribute__((unused))
helper(struct options *o)
{
	o->verbose = SQUARE(2);
}

int parse_args(int argc, char **argv);

#ifdef WIN32
int platform_init(void) {
#else
int platform_init(int x) {
#endif
	return 0;
}

struct options *
make_options(void)
{
	static struct options o = { 0 };
	if (counter) {
		helper(&o);
	}
	printf("helper %s\n", "x");
	return &o;
}

int
main(int argc, char **argv)
{
	return parse_args(argc, argv);
}
