// The one translation unit that compiles Boost.Asio and Boost.Beast (STYLE.md: Asio compiled
// once, BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION on every target).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
