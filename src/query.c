/* query: reads of the index for the command line and the browser. */
#include "config.h"

#include <sqlite3.h>

#include "index.h"
#include "query.h"
#include "util.h"
