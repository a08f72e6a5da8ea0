// The sources of Boost.JSON and Boost.URL, compiled into the fuzzer with coverage and sanitizers.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
