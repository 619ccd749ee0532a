/* run.h: the loop that drives a guided session. */
#ifndef UNKNOT_RUN_H
#define UNKNOT_RUN_H

#endif
