// The one translation unit that compiles Boost.Asio and Boost.Beast (STYLE.md: Asio compiled
// once, BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION on every target).
#include <boost/asio/impl/src.hpp>

// Under -fsanitize=address,undefined g++ 12 reports Beast's own
// basic_parser::content_length() returning boost::none as "may be used uninitialized" (a known
// false positive about boost::optional's storage, escaping the system-header exemption through
// inlining). This file holds no code of ours, so silencing that one warning here hides nothing.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/beast/src.hpp>
#pragma GCC diagnostic pop
