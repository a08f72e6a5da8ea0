// Runs blocking work (database calls) on a worker pool and resumes the calling coroutine on its
// own executor with the result, so I/O threads never block.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <type_traits>
#include <utility>

#include "common/result.h"

namespace rapport::http {

// `fn` returns a Result<T> or Status; an exception it throws becomes kInternal.
template <typename F, typename R = std::invoke_result_t<F&>>
boost::asio::awaitable<R> Offload(boost::asio::thread_pool& pool, F fn) {
  auto initiate = [&pool](auto handler, F f) {
    boost::asio::post(pool, [h = std::move(handler), f = std::move(f)]() mutable {
      auto run = [&]() -> R {
        try {
          return f();
        } catch (const std::exception& e) {
          return Error{ErrorCode::kInternal, e.what(), {}};
        }
      };
      R result = run();
      auto ex = boost::asio::get_associated_executor(h);
      boost::asio::dispatch(ex, [h = std::move(h), r = std::move(result)]() mutable { std::move(h)(std::move(r)); });
    });
  };
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(R)>(
      initiate, boost::asio::use_awaitable, std::move(fn));
}

}  // namespace rapport::http
