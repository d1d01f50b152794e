/* tape.c: the yardstick of `make bench`'s "training step vs C" row. A plain C structure-of-arrays
 * tape doing the training step of `micrograd-bench step`: MLP(2,[16,16,1]) from Python's
 * random.seed(1337), 100 two-moons points (Dataset.moons(count: 100, seed: 1337)), the lab's loop
 * body (forward over all points, sum-of-squares loss, zero-grad, backward, p.data += -0.05 * p.grad),
 * the step's nodes dropped afterwards. Same nodes in the same order, the same formulas (the lab's
 * tanh), the same backward sweep (reverse creation order over the nodes the root reaches), so the
 * first loss equals Swift's bit for bit and the node count is the same: only the language and the
 * engine's indirections differ.
 *
 *   cc -O2 -o tape Scripts/tape.c -lm && ./tape [--runs N]
 *
 * Prints one JSON object: nodes, first loss, median and minimum seconds of a step, ns per node. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- Python's random: MT19937 seeded by init_by_array, random() from two 32-bit outputs ---- */
static uint32_t mt[624];
static int mti = 624;

static void seed_genrand(uint32_t s) {
    mt[0] = s;
    for (int i = 1; i < 624; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    mti = 624;
}

static void seed_python(uint32_t seed) { /* random.seed(n) for 0 <= n < 2**32: key = [n] */
    seed_genrand(19650218u);
    int i = 1;
    for (int k = 0; k < 624; k++) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + seed;
        if (++i >= 624) { mt[0] = mt[623]; i = 1; }
    }
    for (int k = 0; k < 623; k++) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        if (++i >= 624) { mt[0] = mt[623]; i = 1; }
    }
    mt[0] = 0x80000000u;
}

static uint32_t next32(void) {
    if (mti >= 624) {
        for (int k = 0; k < 624; k++) {
            uint32_t y = (mt[k] & 0x80000000u) | (mt[(k + 1) % 624] & 0x7fffffffu);
            mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0);
        }
        mti = 0;
    }
    uint32_t y = mt[mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
}

static double uniform(double a, double b) {
    double x = next32() >> 5, y = next32() >> 6;
    return a + (b - a) * ((x * 67108864.0 + y) * (1.0 / 9007199254740992.0));
}

/* ---- The tape: one array per field, creation order is topological order ---- */
enum { LEAF, ADD, MUL, POW, TANH };
enum { CAPACITY = 1 << 17 };
static double data[CAPACITY], grad[CAPACITY], exponent[CAPACITY];
static int32_t lhs[CAPACITY], rhs[CAPACITY];
static uint8_t op[CAPACITY];
static uint8_t reached[CAPACITY];
static int count;

static double lab_tanh(double x) {
    if (x > 20) return 1.0;
    double e = exp(2 * x);
    return (e - 1) / (e + 1);
}

static int append(uint8_t o, double d, int l, int r, double k) {
    int i = count++;
    data[i] = d; grad[i] = 0; exponent[i] = k; lhs[i] = l; rhs[i] = r; op[i] = o;
    return i;
}

static int leaf(double d) { return append(LEAF, d, -1, -1, 0); }

static int apply(uint8_t o, int u, int v, double k) {
    double x = data[u], y = v >= 0 ? data[v] : 0, out;
    switch (o) {
    case ADD: out = x + y; break;
    case MUL: out = x * y; break;
    case POW: out = pow(x, k); break;
    case TANH: out = lab_tanh(x); break;
    default: out = x;
    }
    return append(o, out, u, v, k);
}

static void backward(int root) {
    grad[root] = 1.0;
    reached[root] = 1;
    for (int i = root; i >= 0; i--) {
        if (!reached[i]) continue;
        reached[i] = 0;
        if (op[i] == LEAF) continue;
        int u = lhs[i], v = rhs[i];
        reached[u] = 1;
        if (v >= 0) reached[v] = 1;
        double g = grad[i], du = 0, dv = 0;
        switch (op[i]) {
        case ADD: du = 1.0 * g; dv = 1.0 * g; break;
        case MUL: du = data[v] * g; dv = data[u] * g; break;
        case POW: du = exponent[i] * pow(data[u], exponent[i] - 1) * g; break;
        case TANH: du = (1 - pow(data[i], 2)) * g; break;
        }
        grad[u] += du;
        if (v >= 0) grad[v] += dv;
    }
}

/* ---- The network and the data ---- */
enum { NIN = 2, LAYERS = 3, POINTS = 100, MAXW = 16 };
static const int sizes[LAYERS + 1] = {NIN, 16, 16, 1};
static int weights[LAYERS][16][MAXW], bias[LAYERS][16], parameters;
static double xs[POINTS][NIN], ys[POINTS];

static void make_network(void) {
    seed_python(1337);
    for (int l = 0; l < LAYERS; l++)
        for (int n = 0; n < sizes[l + 1]; n++) {
            for (int k = 0; k < sizes[l]; k++) weights[l][n][k] = leaf(uniform(-1, 1));
            bias[l][n] = leaf(uniform(-1, 1));
        }
    parameters = count;
}

static void make_moons(void) { /* Dataset.moons(count: 100, seed: 1337): noise from seed 1338 */
    seed_python(1338);
    int outer = POINTS / 2;
    for (int i = 0; i < POINTS; i++) {
        int is_outer = i < outer, j = is_outer ? i : i - outer, n = is_outer ? outer : POINTS - outer;
        double t = n > 1 ? M_PI * j / (n - 1) : 0;
        double x = is_outer ? cos(t) : 1 - cos(t), y = is_outer ? sin(t) : 0.5 - sin(t);
        xs[i][0] = x + 0.1 * uniform(-1, 1);
        xs[i][1] = y + 0.1 * uniform(-1, 1);
        ys[i] = is_outer ? 1 : -1;
    }
}

/* One step of the lab's loop; returns the loss and sets step_nodes to the nodes it made. */
static int step_nodes;
static double step(void) {
    int mark = count, total = -1;
    for (int s = 0; s < POINTS; s++) {
        int in[MAXW], out[MAXW];
        for (int l = 0; l < LAYERS; l++) {
            for (int n = 0; n < sizes[l + 1]; n++) {
                int act = bias[l][n];
                for (int k = 0; k < sizes[l]; k++) {
                    int x = l == 0 ? leaf(xs[s][k]) : in[k]; /* a number input is a fresh leaf per use */
                    act = apply(ADD, act, apply(MUL, weights[l][n][k], x, 0), 0);
                }
                out[n] = apply(TANH, act, -1, 0);
            }
            memcpy(in, out, sizeof out);
        }
        /* (yout - ygt)**2 is yout + leaf(-ygt), then **2; Python's sum starts as term + 0 */
        int term = apply(POW, apply(ADD, in[0], leaf(-ys[s]), 0), -1, 2);
        total = total < 0 ? apply(ADD, term, leaf(0), 0) : apply(ADD, total, term, 0);
    }
    double loss = data[total];
    for (int p = 0; p < parameters; p++) grad[p] = 0;
    backward(total);
    for (int p = 0; p < parameters; p++) data[p] += -0.05 * grad[p];
    step_nodes = count - mark;
    count = mark;
    return loss;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int runs = argc > 2 && strcmp(argv[1], "--runs") == 0 ? atoi(argv[2]) : 101;
    if (runs < 1) runs = 1;
    make_network();
    make_moons();
    double *times = malloc(sizeof(double) * runs), first_loss = 0, last_loss = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        last_loss = step();
        times[r] = now() - t0;
        if (r == 0) first_loss = last_loss;
    }
    int nodes = step_nodes;
    qsort(times, runs, sizeof(double), compare);
    double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    printf("{\"workload\": \"c-step\", \"nodes\": %d, \"parameters\": %d, \"first_loss\": %.17g, "
           "\"last_loss\": %.17g, \"runs\": %d, \"seconds\": %.9g, \"min_seconds\": %.9g, \"ns_per_node\": %.4f}\n",
           nodes, parameters, first_loss, last_loss, runs, median, times[0], median / nodes * 1e9);
    free(times);
    return 0;
}
