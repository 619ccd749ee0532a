/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_pacer.c: breathing phases to the millisecond, for decimal patterns. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>

#include "pacer.h"
#include "tap.h"

/* A pattern from its four lengths in seconds. */
static struct rt_pattern
pattern(double in, double hold_in, double ex, double hold_out)
{
	struct rt_pattern p;

	p.name = NULL;
	p.inhale = in;
	p.hold_in = hold_in;
	p.exhale = ex;
	p.hold_out = hold_out;
	return p;
}

/* Check phase, start, next and cycle at t. */
static void
check_at(const struct rt_pattern *p, int64_t t, enum breath_phase phase,
    int64_t start, int64_t next, unsigned cycle, const char *what)
{
	struct pacer_at	a;
	char		name[200];
	int		rc;

	rc = pacer_at(p, t, &a);
	snprintf(name, sizeof name, "%s: t=%lld is %s [%lld, %lld) cycle %u",
	    what, (long long)t, pacer_phase_name(phase), (long long)start,
	    (long long)next, cycle);
	if (!ok(rc == 0 && a.phase == phase && a.phase_start == start &&
	    a.next == next && a.cycle == cycle, name))
		printf("#   got rc %d %s [%lld, %lld) cycle %u\n", rc,
		    pacer_phase_name(a.phase), (long long)a.phase_start,
		    (long long)a.next, a.cycle);
}

/* Every ms over n cycles lies in [start, next) of a phase whose bounds are
 * exactly the expected multiples: no drift. */
static void
check_scan(const struct rt_pattern *p, const int64_t *bounds,
    const enum breath_phase *phases, int nb, int64_t cycle, unsigned n,
    const char *what)
{
	struct pacer_at	a;
	int64_t		t, base, start, next;
	unsigned	c;
	int		k, bad = 0;
	char		name[200];

	for (t = 0; t < (int64_t)n * cycle && bad < 5; t++) {
		c = (unsigned)(t / cycle);
		base = (int64_t)c * cycle;
		for (k = nb - 1; k > 0 && base + bounds[k] > t; k--)
			;
		start = base + bounds[k];
		next = (k + 1 < nb) ? base + bounds[k + 1] : base + cycle;
		if (pacer_at(p, t, &a) != 0 || a.phase != phases[k] ||
		    a.phase_start != start || a.next != next || a.cycle != c) {
			printf("#   t=%lld: got %s [%lld, %lld)\n",
			    (long long)t, pacer_phase_name(a.phase),
			    (long long)a.phase_start, (long long)a.next);
			bad++;
		}
	}
	snprintf(name, sizeof name, "%s: every ms of %u cycles", what, n);
	ok(bad == 0, name);
}

/* 5.5/0/5.5/0: half seconds, empty holds skipped. */
static void
test_resonance(void)
{
	struct rt_pattern	p = pattern(5.5, 0, 5.5, 0);
	const int64_t		b[] = { 0, 5500 };
	const enum breath_phase	ph[] = { BR_INHALE, BR_EXHALE };
	struct pacer_at		a;

	is_int(pacer_cycle_ms(&p), 11000, "resonance cycle is 11000 ms");
	check_at(&p, 0, BR_INHALE, 0, 5500, 0, "resonance");
	check_at(&p, 5499, BR_INHALE, 0, 5500, 0, "resonance");
	check_at(&p, 5500, BR_EXHALE, 5500, 11000, 0, "resonance");
	check_at(&p, 10999, BR_EXHALE, 5500, 11000, 0, "resonance");
	check_at(&p, 11000, BR_INHALE, 11000, 16500, 1, "resonance");
	check_at(&p, 1099999, BR_EXHALE, 1094500, 1100000, 99, "resonance");
	check_at(&p, 1100000, BR_INHALE, 1100000, 1105500, 100, "resonance");
	check_at(&p, 1105500, BR_EXHALE, 1105500, 1111000, 100, "resonance");
	pacer_at(&p, 2750, &a);
	ok(a.progress > 0.4999 && a.progress < 0.5001,
	    "resonance progress halfway through the inhale is 0.5");
	pacer_at(&p, 11000 + 5500 + 1375, &a);
	ok(a.progress > 0.2499 && a.progress < 0.2501,
	    "resonance progress a quarter into the second exhale is 0.25");
	is_int(pacer_cycles_ms(&p, 100), 1100000, "100 resonance cycles");
	check_scan(&p, b, ph, 2, 11000, 110, "resonance");
}

/* 4-7-8: a trailing empty hold. */
static void
test_478(void)
{
	struct rt_pattern	p = pattern(4, 7, 8, 0);
	const int64_t		b[] = { 0, 4000, 11000 };
	const enum breath_phase	ph[] = { BR_INHALE, BR_HOLD_IN, BR_EXHALE };

	is_int(pacer_cycle_ms(&p), 19000, "4-7-8 cycle is 19000 ms");
	check_at(&p, 3999, BR_INHALE, 0, 4000, 0, "4-7-8");
	check_at(&p, 4000, BR_HOLD_IN, 4000, 11000, 0, "4-7-8");
	check_at(&p, 11000, BR_EXHALE, 11000, 19000, 0, "4-7-8");
	check_at(&p, 18999, BR_EXHALE, 11000, 19000, 0, "4-7-8");
	check_at(&p, 19000, BR_INHALE, 19000, 23000, 1, "4-7-8");
	check_at(&p, 1900000, BR_INHALE, 1900000, 1904000, 100, "4-7-8");
	check_at(&p, 1904000, BR_HOLD_IN, 1904000, 1911000, 100, "4-7-8");
	check_at(&p, 1910999, BR_HOLD_IN, 1904000, 1911000, 100, "4-7-8");
	check_at(&p, 1911000, BR_EXHALE, 1911000, 1919000, 100, "4-7-8");
	is_int(pacer_cycles_ms(&p, 6), 114000, "6 cycles of 4-7-8");
	check_scan(&p, b, ph, 3, 19000, 30, "4-7-8");
}

/* Box with an empty hold in the middle, and one at the start. */
static void
test_empty_phases(void)
{
	struct rt_pattern p = pattern(4, 0, 4, 4);
	struct rt_pattern q = pattern(0, 2, 3, 0);

	check_at(&p, 4000, BR_EXHALE, 4000, 8000, 0, "4/0/4/4");
	check_at(&p, 8000, BR_HOLD_OUT, 8000, 12000, 0, "4/0/4/4");
	check_at(&p, 12000, BR_INHALE, 12000, 16000, 1, "4/0/4/4");
	check_at(&p, 0, BR_INHALE, 0, 4000, 0, "4/0/4/4");
	check_at(&q, 0, BR_HOLD_IN, 0, 2000, 0, "0/2/3/0");
	check_at(&q, 2000, BR_EXHALE, 2000, 5000, 0, "0/2/3/0");
	check_at(&q, 5000, BR_HOLD_IN, 5000, 7000, 1, "0/2/3/0");
}

/* Boundaries rounded once from the exact sums: no drift from adding
 * rounded lengths (0.3332 + 0.3331 s: 666.3 ms cycles). */
static void
test_no_drift(void)
{
	struct rt_pattern	p = pattern(0.3332, 0, 0.3331, 0);
	struct rt_pattern	q = pattern(4.3, 0.7, 5.1, 0);
	const int64_t		b[] = { 0, 4300, 5000 };
	const enum breath_phase	ph[] = { BR_INHALE, BR_HOLD_IN, BR_EXHALE };

	is_int(pacer_cycle_ms(&p), 666, "0.3332+0.3331 rounds to 666 ms");
	/* cycle 3 starts at 1998.9 -> 1999; summed 666s would give 1998 */
	check_at(&p, 1998, BR_EXHALE, 1666, 1999, 2, "666.3 ms cycles");
	check_at(&p, 1999, BR_INHALE, 1999, 2332, 3, "666.3 ms cycles");
	check_at(&p, 666300, BR_INHALE, 666300, 666633, 1000,
	    "666.3 ms cycles");
	check_at(&p, 666299, BR_EXHALE, 665967, 666300, 999,
	    "666.3 ms cycles");
	is_int(pacer_cycles_ms(&p, 3), 1999, "3 cycles of 666.3 ms");
	is_int(pacer_cycles_ms(&p, 1000), 666300, "1000 cycles of 666.3 ms");
	is_int(pacer_cycle_ms(&q), 10100, "4.3/0.7/5.1 cycle");
	check_at(&q, 1010000 + 4300, BR_HOLD_IN, 1014300, 1015000, 100,
	    "4.3/0.7/5.1");
	check_scan(&q, b, ph, 3, 10100, 100, "4.3/0.7/5.1");
}

/* Degenerate patterns. */
static void
test_degenerate(void)
{
	struct rt_pattern	z = pattern(0, 0, 0, 0);
	struct rt_pattern	n = pattern(-1, 0, 0, 0);
	struct rt_pattern	p = pattern(5.5, 0, 5.5, 0);
	struct pacer_at		a;

	is_int(pacer_at(&z, 0, &a), -1, "a 0 ms cycle is refused");
	is_int(pacer_cycle_ms(&z), 0, "its cycle is 0");
	is_int(pacer_at(&n, 100, &a), -1, "negative lengths count as 0");
	is_int(pacer_cycles_ms(&z, 5), 0, "no cycles of nothing");
	check_at(&p, -50, BR_INHALE, 0, 5500, 0, "before the start");
	is_str(pacer_phase_name(BR_INHALE), "inhale", "name inhale");
	is_str(pacer_phase_name(BR_HOLD_IN), "hold_in", "name hold_in");
	is_str(pacer_phase_name(BR_EXHALE), "exhale", "name exhale");
	is_str(pacer_phase_name(BR_HOLD_OUT), "hold_out", "name hold_out");
}

int
main(void)
{
	test_resonance();
	test_478();
	test_empty_phases();
	test_no_drift();
	test_degenerate();
	return done_testing();
}
