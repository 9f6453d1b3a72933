// WCAG 2.2 success criterion 2.5.8, Target Size (Minimum), for the targets inside <main>.
// Returns one sentence per target that fails, so an empty list is a pass.
//
// A target passes when it is at least 24 by 24 CSS pixels, or when a 24 px circle
// centred on it touches no other target and no other small target's circle (the
// spacing exception), or when it is a link inside a sentence (the inline exception).
() => {
  const MIN = 24;
  const TARGETS = "a[href], button, summary, input:not([type=hidden]), select, textarea";

  // A link in running text: its line height is set by the words around it.
  function inSentence(element) {
    if (getComputedStyle(element).display !== "inline") {
      return false;
    }
    let block = element.parentElement;
    while (block && getComputedStyle(block).display === "inline") {
      block = block.parentElement;
    }
    return block.textContent.trim() !== element.textContent.trim();
  }

  function describe(element) {
    const text = element.getAttribute("aria-label") || element.textContent || element.name || "";
    return `<${element.tagName.toLowerCase()}> "${text.trim().replace(/\s+/g, " ").slice(0, 40)}"`;
  }

  function centre(box) {
    return [box.left + box.width / 2, box.top + box.height / 2];
  }

  function distanceToBox([x, y], box) {
    return Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  }

  // What a person can see; visually hidden text (1 px, clipped) is for screen readers.
  const targets = Array.from(document.querySelectorAll("main :is(" + TARGETS + ")"))
    .filter((element) => element.checkVisibility({ visibilityProperty: true }))
    .map((element) => ({ element, box: element.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 1 && box.height > 1);
  const isSmall = (target) => target.box.width < MIN || target.box.height < MIN;

  const problems = [];
  for (const target of targets) {
    if (!isSmall(target) || inSentence(target.element)) {
      continue;
    }
    const [x, y] = centre(target.box);
    const crowding = targets.find((other) => {
      if (other === target) {
        return false;
      }
      if (distanceToBox([x, y], other.box) < MIN / 2) {
        return true;
      }
      const [otherX, otherY] = centre(other.box);
      return isSmall(other) && !inSentence(other.element) && Math.hypot(otherX - x, otherY - y) < MIN;
    });
    if (crowding) {
      problems.push(
        `${describe(target.element)} is ${Math.round(target.box.width)}×${Math.round(target.box.height)} px ` +
          `and too close to ${describe(crowding.element)}`
      );
    }
  }
  return problems;
}
