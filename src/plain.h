/* plain.h: the line-based front end. */
#ifndef UNKNOT_PLAIN_H
#define UNKNOT_PLAIN_H

#endif
