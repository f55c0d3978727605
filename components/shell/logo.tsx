/** The Gantry mark: three stages of a pipeline rising left to right. */
export function Logo({ className = "size-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className={className}>
      <rect width="24" height="24" rx="6" className="fill-indigo-600 dark:fill-indigo-500" />
      <rect x="5" y="13" width="3.5" height="6" rx="1" fill="white" fillOpacity="0.6" />
      <rect x="10.25" y="9.5" width="3.5" height="9.5" rx="1" fill="white" fillOpacity="0.8" />
      <rect x="15.5" y="5" width="3.5" height="14" rx="1" fill="white" />
    </svg>
  );
}
