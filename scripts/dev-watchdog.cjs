// Preloaded (`node --require`) into the Next.js dev server that `npm run dev` starts. When the
// launcher dies without cleaning up (kill -9), the dev server would keep the port: it shuts itself
// down instead, so the next `npm run dev` finds the port free.
const parent = Number(process.env.GANTRY_DEV_PARENT_PID);

if (parent > 0 && parent !== process.pid) {
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch (error) {
      if (error && error.code === "EPERM") return;
      clearInterval(timer);
      process.kill(process.pid, "SIGTERM");
    }
  }, 500);
  timer.unref();
}
